package io.cairn.node;

import java.util.List;

/** {@code cairn promqltest FILE...}: runs PromQL test scripts, ends with "N passed, M failed". */
final class PromqlTestCommand {
    private PromqlTestCommand() {}

    static int run(List<String> files) {
        if (files.isEmpty()) {
            System.err.println("usage: cairn promqltest FILE...");
            return 2;
        }
        System.err.println("cairn promqltest: the PromQL engine is not wired in yet");
        return 1;
    }
}
