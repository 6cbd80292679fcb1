package io.cairn.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * The signature of a PromQL function.
 *
 * @param argTypes the declared argument types
 * @param variadic Prometheus's convention: 0 means exactly {@code argTypes.size()} arguments;
 *     n &gt; 0 means the last declared argument is optional and at most {@code n} arguments
 *     of the last declared type follow the others; -1 means the last declared argument is
 *     optional and may repeat without limit. See {@link #minArgs()} and {@link #maxArgs()}.
 * @param experimental behind Prometheus's {@code promql-experimental-functions} flag
 */
public record Function(
        String name,
        List<ValueType> argTypes,
        int variadic,
        ValueType returnType,
        boolean experimental) {

    public Function {
        Objects.requireNonNull(name, "name");
        argTypes = List.copyOf(argTypes);
        Objects.requireNonNull(returnType, "returnType");
        if (variadic < -1) {
            throw new IllegalArgumentException("variadic must be >= -1");
        }
    }

    /** The fewest arguments accepted. */
    public int minArgs() {
        return variadic == 0 ? argTypes.size() : argTypes.size() - 1;
    }

    /** The most arguments accepted, {@link Integer#MAX_VALUE} when unlimited. */
    public int maxArgs() {
        return switch (variadic) {
            case 0 -> argTypes.size();
            case -1 -> Integer.MAX_VALUE;
            default -> argTypes.size() - 1 + variadic;
        };
    }

    /** The expected type of argument {@code i}; beyond the declared list the last type repeats. */
    public ValueType argType(int i) {
        return argTypes.get(Math.min(i, argTypes.size() - 1));
    }
}
