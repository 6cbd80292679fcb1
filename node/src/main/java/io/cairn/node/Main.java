package io.cairn.node;

import io.cairn.node.config.FlagParser;
import io.cairn.node.config.NodeConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the single Cairn binary: {@code cairn [flags]} runs a node,
 * {@code cairn promqltest FILE...} runs PromQL test scripts, {@code cairn -help} lists flags.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        List<String> argList = Arrays.asList(args);
        if (!argList.isEmpty() && argList.get(0).equals("promqltest")) {
            System.exit(PromqlTestCommand.run(argList.subList(1, argList.size())));
        }
        if (argList.contains("-help") || argList.contains("--help") || argList.contains("-h")) {
            System.out.print(FlagParser.help(NodeConfig.defaults()));
            return;
        }
        try {
            Map<String, String> flags = FlagParser.parseArgs(argList);
            NodeRuntime.start(NodeConfig.load(flags, System.getenv()));
        } catch (FlagParser.UsageException | IllegalArgumentException e) {
            System.err.println("cairn: " + e.getMessage());
            System.exit(2);
        }
    }
}
