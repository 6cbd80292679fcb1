package io.cairn.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns command-line flags and {@code CAIRN_*} environment variables into config overrides.
 * Precedence: flag, then environment, then cluster.conf, then the built-in default.
 */
public final class FlagParser {
    private FlagParser() {}

    /** Thrown for an unknown flag or a flag without value; the message is shown to the user. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code -name=value}, {@code --name=value} and {@code -name value}.
     *
     * @return flag name to value, in command-line order
     */
    public static Map<String, String> parseArgs(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                throw new UsageException("unexpected argument \"" + a + "\"; flags look like "
                        + "-name=value (see -help)");
            }
            String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
            String name;
            String value;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            } else if (Flags.SWITCHES.contains(body)
                    && (i + 1 >= args.size() || args.get(i + 1).startsWith("-"))) {
                name = body; // a bare switch, e.g. -leave, means true
                value = "true";
            } else {
                name = body;
                if (i + 1 >= args.size()) {
                    throw new UsageException("flag -" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (Flags.byName(name) == null) {
                throw new UsageException("unknown flag -" + name + " (see -help)");
            }
            out.put(name, value);
        }
        return out;
    }

    /** Config holding the values given by flags or environment, at their config paths. */
    public static Config overrides(Map<String, String> flags, Map<String, String> env) {
        Config c = ConfigFactory.empty();
        for (Flag f : Flags.ALL) {
            String v = flags.containsKey(f.name()) ? flags.get(f.name()) : env.get(f.envName());
            if (v != null) {
                c = c.withValue(f.configPath(), ConfigValueFactory.fromAnyRef(v, "flag -" + f.name()));
            }
        }
        return c;
    }

    /** The -help text; defaults are read from the effective config (cluster.conf). */
    public static String help(Config defaults) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: cairn [flags]\n")
                .append("       cairn promqltest FILE...   run PromQL test scripts\n\n")
                .append("Every flag can also be set with the environment variable shown, or in ")
                .append("cluster.conf at the config path shown.\n\n");
        for (Flag f : Flags.ALL) {
            String def = defaults.hasPath(f.configPath()) ? defaults.getString(f.configPath()) : "";
            sb.append("  -").append(f.name()).append("  (default \"").append(def)
                    .append("\", env ").append(f.envName()).append(", config ")
                    .append(f.configPath()).append(")\n      ").append(f.help()).append('\n');
        }
        return sb.toString();
    }
}
