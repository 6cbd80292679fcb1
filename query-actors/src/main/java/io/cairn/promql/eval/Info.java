package io.cairn.promql.eval;

import io.cairn.promql.ast.Call;
import io.cairn.promql.engine.QueryExecutionException;

/** The experimental {@code info()} function. */
final class Info {
    private Info() {}

    static EvalValue eval(Evaluator ev, Call c, EvalGrid grid) {
        throw new QueryExecutionException("function info is not supported yet");
    }
}
