package io.gureum.dynamodb.expression;

import io.gureum.core.error.AwsException;
import java.util.List;

/** DynamoDB's ValidationException messages for expressions, word for word. */
final class Errors {
    private Errors() {
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationException", message, 400);
    }

    static AwsException invalid(String kind, String detail) {
        return validation("Invalid " + kind + ": " + detail);
    }

    /** {@code Syntax error; token: "x", near: "a x b"}: the offending token with its neighbours. */
    static AwsException syntax(String kind, String src, List<Token> tokens, Token bad) {
        if (bad.kind() == Token.Kind.EOF) {
            Token last = tokens.size() >= 2 ? tokens.get(tokens.size() - 2) : null;
            String near = last == null ? "" : last.text();
            return invalid(kind, "Syntax error; token: \"<EOF>\", near: \"" + near + "\"");
        }
        int idx = tokens.indexOf(bad);
        int from = bad.start();
        int to = bad.end();
        if (idx > 0) {
            from = tokens.get(idx - 1).start();
        } else if (idx < 0 && !tokens.isEmpty()) {
            from = tokens.get(tokens.size() - 1).start();
        }
        if (idx >= 0 && idx + 1 < tokens.size() && tokens.get(idx + 1).kind() != Token.Kind.EOF) {
            to = tokens.get(idx + 1).end();
        }
        return invalid(kind, "Syntax error; token: \"" + bad.text() + "\", near: \"" + src.substring(from, to) + "\"");
    }

    static String near(String src, List<Token> before, int start, int end) {
        int from = before.isEmpty() ? start : before.get(before.size() - 1).start();
        return src.substring(from, Math.min(src.length(), end));
    }
}
