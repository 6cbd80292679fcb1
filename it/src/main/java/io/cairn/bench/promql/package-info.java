/**
 * JMH benchmarks of PromQL kernels on realistic series, one thread. Run as described in
 * {@link io.cairn.bench.codec}, e.g.
 * {@code java -cp "$CP" org.openjdk.jmh.Main CounterRateBench -f 1 -wi 3 -i 5}. To compare with
 * another build, put that build's jar (e.g. {@code node/target/cairn.jar} of an older commit)
 * before the module classes on the class path: the benchmark uses only public kernel API.
 */
package io.cairn.bench.promql;
