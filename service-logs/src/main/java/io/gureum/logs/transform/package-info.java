/**
 * Log transformers (CloudWatch-Logs-Transformation.html): the processors of a transformer run one after another on
 * one log event, parsers first, as PutTransformer's groups apply them at ingestion and TestTransformer shows.
 */
package io.gureum.logs.transform;
