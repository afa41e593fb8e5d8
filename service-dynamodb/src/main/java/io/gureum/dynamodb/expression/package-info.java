/**
 * DynamoDB's expression language: a hand-written lexer and recursive-descent parser for condition,
 * filter, key-condition, update and projection expressions, the AST they produce, and its evaluator.
 * Names ({@code #n}) and values ({@code :v}) are resolved while parsing, so evaluation never looks
 * at the request again. See
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html.
 */
package io.gureum.dynamodb.expression;
