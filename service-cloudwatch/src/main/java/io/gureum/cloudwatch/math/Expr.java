package io.gureum.cloudwatch.math;

import java.util.List;

/** The syntax tree of a metric math expression. */
sealed interface Expr permits Expr.Num, Expr.Str, Expr.Name, Expr.Unary, Expr.Binary, Expr.Call {

    record Num(double value) implements Expr {
    }

    record Str(String text) implements Expr {
    }

    /** A query id (m1) or a keyword argument (REPEAT, LINEAR, ASC, DESC). */
    record Name(String name) implements Expr {
    }

    record Unary(String op, Expr operand) implements Expr {
    }

    record Binary(String op, Expr left, Expr right) implements Expr {
    }

    record Call(String function, List<Expr> args) implements Expr {
    }
}
