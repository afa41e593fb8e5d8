package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.Ast;

/** Finds key attributes named in a condition (Query filters may not use them). */
final class KeyAttributes {
    private KeyAttributes() {
    }

    static String firstKeyAttribute(Ast.Condition c, KeySchema key) {
        if (c instanceof Ast.And a) {
            String x = firstKeyAttribute(a.left(), key);
            return x != null ? x : firstKeyAttribute(a.right(), key);
        }
        if (c instanceof Ast.Or o) {
            String x = firstKeyAttribute(o.left(), key);
            return x != null ? x : firstKeyAttribute(o.right(), key);
        }
        if (c instanceof Ast.Not n) {
            return firstKeyAttribute(n.inner(), key);
        }
        if (c instanceof Ast.Comparison cmp) {
            String x = of(cmp.left(), key);
            return x != null ? x : of(cmp.right(), key);
        }
        if (c instanceof Ast.Between b) {
            return of(b.value(), key);
        }
        if (c instanceof Ast.In in) {
            return of(in.value(), key);
        }
        if (c instanceof Ast.FunctionCondition f) {
            return of(f.args().get(0), key);
        }
        return null;
    }

    private static String of(Ast.Operand o, KeySchema key) {
        if (o instanceof Ast.PathOperand p && p.path().isTopLevel() && key.isKey(p.path().head())) {
            return p.path().head();
        }
        if (o instanceof Ast.FunctionOperand f && !f.args().isEmpty()) {
            return of(f.args().get(0), key);
        }
        return null;
    }
}
