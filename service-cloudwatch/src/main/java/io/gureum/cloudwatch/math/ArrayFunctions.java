package io.gureum.cloudwatch.math;

import java.util.ArrayList;
import java.util.List;

/**
 * SLICE(array, start, end): the members from index {@code start} (zero-based, included) to {@code end}
 * (excluded), clamped to the array. CONCAT(array, array…): the members of every argument in order; a single
 * time series counts as an array of one.
 */
final class ArrayFunctions {
    private ArrayFunctions() {
    }

    static Value slice(List<Value> args) {
        List<Value.Series> members = members(Functions.arg(args, 0, "SLICE"), "SLICE");
        int size = members.size();
        int start = index(Functions.arg(args, 1, "SLICE"), size);
        int end = index(Functions.arg(args, 2, "SLICE"), size);
        return new Value.Array(start >= end ? List.of() : List.copyOf(members.subList(start, end)));
    }

    static Value concat(List<Value> args) {
        if (args.isEmpty()) {
            throw new MathException("Function CONCAT requires at least 1 argument(s).");
        }
        List<Value.Series> out = new ArrayList<>();
        for (Value v : args) {
            out.addAll(members(v, "CONCAT"));
        }
        return new Value.Array(out);
    }

    private static List<Value.Series> members(Value v, String function) {
        if (v instanceof Value.Array a) {
            return a.series();
        }
        if (v instanceof Value.Series s) {
            return List.of(s);
        }
        throw new MathException("Function " + function + " expects an array of time series.");
    }

    private static int index(Value v, int size) {
        if (!(v instanceof Value.Scalar s)) {
            throw new MathException("Function SLICE expects numbers as its start and end.");
        }
        return (int) Math.max(0, Math.min(size, Math.floor(s.value())));
    }
}
