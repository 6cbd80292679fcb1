package io.cairn.node.config;

/**
 * One command-line flag. {@code configPath} is where the value lands in the HOCON config
 * (cluster.conf), so every flag can also be set there; the environment variable is derived from
 * the name: {@code CAIRN_} + the name upper-cased with every non-alphanumeric turned into
 * {@code _} (e.g. {@code -dedup.minScrapeInterval} is {@code CAIRN_DEDUP_MINSCRAPEINTERVAL}).
 */
public record Flag(String name, String configPath, String help) {

    public String envName() {
        StringBuilder sb = new StringBuilder("CAIRN_");
        for (char c : name.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return sb.toString();
    }
}
