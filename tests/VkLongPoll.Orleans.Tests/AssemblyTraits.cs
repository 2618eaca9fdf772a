// Every test here runs a store and most a cluster of silos: minutes, not seconds (README: the fast filter).
[assembly: AssemblyTrait(VkLongPoll.TestSupport.Speed.Name, VkLongPoll.TestSupport.Speed.Slow)]
