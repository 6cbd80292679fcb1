/**
 * JMH benchmarks of the storage codecs. The JMH annotation processor (jmh-generator-annprocess,
 * provided scope in it/pom.xml) runs during normal compilation and writes
 * {@code it/target/classes/META-INF/BenchmarkList}; no extra plugin configuration is needed.
 *
 * <p>How to run (from the worktree root; never {@code mvn install}; offline, {@code package}
 * rather than {@code compile}, so that the other modules resolve from the reactor's jars):
 * <pre>
 * mvn -o -q -DskipTests -pl it -am package dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * CP="it/target/classes:$(cat it/target/bench.cp)"
 * java -cp "$CP" org.openjdk.jmh.Main BlockCodecBench -prof gc
 * # quicker:  ... BlockCodecBench -wi 2 -i 3 -w 1 -r 2 -prof gc
 * </pre>
 * {@link io.cairn.bench.codec.BlockCodecBench} reports samples/s (one operation = one sample; an
 * invocation encodes or decodes a full 8192-sample block); with {@code -prof gc},
 * {@code gc.alloc.rate.norm} is bytes allocated per sample. Benchmarks print figures and assert
 * nothing.
 */
package io.cairn.bench.codec;
