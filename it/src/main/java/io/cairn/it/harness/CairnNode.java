package io.cairn.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Cairn node run as a real {@code java -jar cairn.jar} process on 127.0.0.1, with its own
 * ports (HTTP, cluster, management: chosen free by the harness), its own data directory and a
 * log file, both under the node's home directory.
 *
 * <p>The jar is the system property {@code cairn.jar} (set by surefire in it/pom.xml) or
 * node/target/cairn.jar found from the working directory. JVM options mirror bin/cairn; extra
 * ones come from {@link Builder#jvmOption} and the system property {@code cairn.it.jvmOpts}
 * (space separated).
 *
 * <pre>{@code
 * try (CairnNode node = CairnNode.builder(dirs.resolve("n1"), "n1").build()) {
 *     node.start();
 *     node.waitHealthy(Duration.ofSeconds(60));
 *     node.api().remoteWrite(body);
 * }
 * }</pre>
 */
public final class CairnNode extends AbstractServerProcess {
    /**
     * Options bin/cairn passes to the JVM (huge pages on Linux only: other JVMs do not know
     * the flag); Pekko and Agrona need the opened packages.
     */
    static final List<String> LAUNCHER_JVM_OPTIONS = launcherJvmOptions();

    private static List<String> launcherJvmOptions() {
        List<String> options = new ArrayList<>(List.of(
                "-XX:+UseG1GC", "-XX:MaxDirectMemorySize=8g",
                "-XX:Tier3InvocationThreshold=100", "-XX:Tier3CompileThreshold=1000",
                "-XX:Tier4InvocationThreshold=1000", "-XX:Tier4MinInvocationThreshold=200",
                "-XX:Tier4CompileThreshold=1500",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED"));
        if (System.getProperty("os.name", "").equals("Linux")) {
            options.add("-XX:+UseTransparentHugePages");
        }
        return List.copyOf(options);
    }

    private final Path home;
    private final Path jar;
    private final int clusterPort;
    private final int managementPort;
    private final List<String> jvmOptions;
    private final List<String> flags;

    private CairnNode(Builder b, int[] ports) {
        super(b.name, b.home.resolve("data"), ports[0]);
        this.home = b.home.toAbsolutePath();
        this.jar = b.jar != null ? b.jar : locateJar();
        this.clusterPort = ports[1];
        this.managementPort = ports[2];
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.flags = List.copyOf(b.flags);
    }

    /**
     * A node named {@code name} whose data directory ({@code home/data}) and log
     * ({@code home/<name>.log}) live under {@code home}.
     */
    public static Builder builder(Path home, String name) {
        return new Builder(home, name);
    }

    /** Port of Pekko cluster remoting (-clusterListenAddr). */
    public int clusterPort() {
        return clusterPort;
    }

    /** Port of Pekko Management (-managementListenAddr). */
    public int managementPort() {
        return managementPort;
    }

    /** host:port of this node's cluster endpoint, as other nodes' -seedNodes name it. */
    public String clusterAddress() {
        return "127.0.0.1:" + clusterPort;
    }

    @Override
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(LAUNCHER_JVM_OPTIONS);
        String extra = System.getProperty("cairn.it.jvmOpts", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.add("-httpListenAddr=127.0.0.1:" + httpPort());
        cmd.add("-clusterListenAddr=127.0.0.1:" + clusterPort);
        cmd.add("-managementListenAddr=127.0.0.1:" + managementPort);
        cmd.add("-storageDataPath=" + dataDir());
        cmd.addAll(flags);
        return cmd;
    }

    @Override
    Path homeDir() {
        return home;
    }

    /** The Cairn jar this harness would run: system property cairn.jar, else node/target/cairn.jar. */
    public static Path locateJar() {
        String configured = System.getProperty("cairn.jar");
        List<Path> candidates = configured != null
                ? List.of(Path.of(configured))
                : List.of(Path.of("node/target/cairn.jar"), Path.of("../node/target/cairn.jar"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("Cairn jar not found at " + candidates
                + "; build it with: mvn -o -q -DskipTests -pl node -am package (or set -Dcairn.jar=...)");
    }

    /** Configures a node before its ports are chosen. */
    public static final class Builder {
        private final Path home;
        private final String name;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> flags = new ArrayList<>();
        private Path jar;
        private int[] ports;

        private Builder(Path home, String name) {
            this.home = home;
            this.name = name;
        }

        /** Runs this jar instead of {@link #locateJar()}. */
        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        /** Adds a JVM option, e.g. {@code -Xmx2g}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Adds a node flag, e.g. {@code -seedNodes=127.0.0.1:4711}. */
        public Builder flag(String flag) {
            flags.add(flag);
            return this;
        }

        /** Uses these ports instead of choosing free ones (a cluster must know its seeds' ports first). */
        public Builder ports(int httpPort, int clusterPort, int managementPort) {
            this.ports = new int[] {httpPort, clusterPort, managementPort};
            return this;
        }

        /** Returns the node, not started; chooses free ports (HTTP, cluster, management) unless given. */
        public CairnNode build() {
            return new CairnNode(this, ports != null ? ports : FreePorts.allocate(3));
        }
    }
}
