package io.gureum.dynamodb.partiql;

import io.gureum.core.error.AwsException;
import io.gureum.dynamodb.expression.Ast;
import io.gureum.dynamodb.expression.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A parsed PartiQL statement with its parameters bound. */
public sealed interface Statement {
    String table();

    /** {@code SELECT * | path, ... FROM "t"[."index"] [WHERE c] [ORDER BY path [ASC|DESC]]}; projection null for *. */
    record Select(String table, String index, List<Path> projection, Ast.Condition where, boolean descending)
            implements Statement {
    }

    /** {@code INSERT INTO "t" VALUE {...}}. */
    record Insert(String table, Map<String, AttributeValue> item) implements Statement {
    }

    /** {@code UPDATE "t" SET ... REMOVE ... WHERE c [RETURNING ...]}. */
    record Update(String table, Ast.Update update, Ast.Condition where, String returning) implements Statement {
    }

    /** {@code DELETE FROM "t" WHERE c [RETURNING ALL OLD *]}. */
    record Delete(String table, Ast.Condition where, String returning) implements Statement {
    }

    /** {@code EXISTS(SELECT * FROM "t" WHERE c)}, a condition check inside ExecuteTransaction. */
    record Exists(String table, Ast.Condition where) implements Statement {
    }

    /** DynamoDB's answer to a statement it cannot parse. */
    static AwsException syntax(String detail) {
        return validation("Statement wasn't well formed, can't be processed: " + detail);
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationException", message, 400);
    }
}
