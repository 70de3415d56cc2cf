// Test classes run one at a time. libtorch keeps process-global state (its intra-op thread pool, set_num_threads) that
// test classes running in parallel would share, and TorchSharp passes native handles without keeping their managed
// wrappers alive (TorchOptimizer's remarks), so a collection triggered by another test thread mid-call is far likelier in a
// parallel run than in any single-threaded use (CLI, notebook). The suite takes about a minute longer; CI does not flake.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
