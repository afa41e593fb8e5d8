/**
 * CloudWatch Logs Insights query language (Logs Insights QL, CWL_QuerySyntax.html): a lexer, a parser that
 * turns a query string into a pipeline of commands, expressions and their functions, and an evaluator that
 * runs the pipeline over log records. Nothing here knows about log groups or the API.
 */
package io.gureum.logs.insights;
