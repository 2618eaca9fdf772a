global using VkLongPoll.TestSupport;
global using VkLongPoll.TestSupport.Cluster;
global using VkLongPoll.TestSupport.Stores;
