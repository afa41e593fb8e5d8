/**
 * DynamoDB's PartiQL dialect: a lexer and a recursive-descent parser turning a statement and its {@code ?}
 * parameters into a {@link io.gureum.dynamodb.partiql.Statement} whose conditions and updates are the
 * expression package's nodes, so they are evaluated exactly as the item operations' expressions are
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html).
 */
package io.gureum.dynamodb.partiql;
