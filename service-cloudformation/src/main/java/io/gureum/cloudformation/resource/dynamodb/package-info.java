/** Resource handlers of DynamoDB, through the in-process {@code DynamoDbClient}. */
package io.gureum.cloudformation.resource.dynamodb;
