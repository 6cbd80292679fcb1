package io.cairn.node;

/** Entry point of the single Cairn binary. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("cairn: not wired yet");
    }
}
