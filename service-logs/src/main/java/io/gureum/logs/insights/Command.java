package io.gureum.logs.insights;

import java.util.List;
import java.util.regex.Pattern;

/** One command of a query's pipeline (CWL_QuerySyntax.html). */
sealed interface Command {
    /** A named expression: {@code fields concat(a, b) as ab}, or a {@code stats … by} group. */
    record Projection(Expr expr, String name) {
    }

    record Fields(List<Projection> fields) implements Command {
    }

    record Display(List<String> fields) implements Command {
    }

    record Filter(Expr condition) implements Command {
    }

    /** A filter that also skips the log groups without a field index on {@code field}. */
    record FilterIndex(String field, Expr condition) implements Command {
    }

    /**
     * {@code parse field "glob * pattern" as a, b} or {@code parse field /(?<a>…)/}: {@code regex} has one
     * named group per name in {@code names}; a glob is turned into one (CWL_QuerySyntax-Parse.html).
     */
    record Parse(Expr source, Pattern regex, List<String> names, List<String> groups) implements Command {
    }

    record Stats(List<Aggregates.Aggregation> aggregations, List<Projection> groups) implements Command {
    }

    record SortKey(Expr expr, boolean descending) {
    }

    record Sort(List<SortKey> keys) implements Command {
    }

    record Limit(int count) implements Command {
    }

    record Dedup(List<String> fields) implements Command {
    }
}
