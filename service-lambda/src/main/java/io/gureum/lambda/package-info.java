/**
 * AWS Lambda: functions, versions, aliases, permissions, invocation and SQS event source mappings, one
 * provider per resource family ({@link io.gureum.lambda.LambdaInstance} composes them); functions run as
 * local processes (no Docker) through {@link io.gureum.lambda.runtime}.
 */
package io.gureum.lambda;
