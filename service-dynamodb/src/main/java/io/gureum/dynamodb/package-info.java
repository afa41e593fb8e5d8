/**
 * DynamoDB and DynamoDB Streams: tables, items, the expression language, queries over ordered
 * partitions, secondary indexes, batches, transactions, TTL on the core clock and change streams.
 */
package io.gureum.dynamodb;
