global using VkLongPoll.TestSupport;
