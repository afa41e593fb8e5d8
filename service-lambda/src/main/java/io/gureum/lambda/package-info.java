/**
 * AWS Lambda: functions, versions, aliases, permissions and invocation; functions run as local
 * processes (no Docker) through {@link io.gureum.lambda.runtime}.
 */
package io.gureum.lambda;
