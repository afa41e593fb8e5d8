/** Resource handlers of Lambda, through the in-process {@code LambdaClient}. */
package io.gureum.cloudformation.resource.lambda;
