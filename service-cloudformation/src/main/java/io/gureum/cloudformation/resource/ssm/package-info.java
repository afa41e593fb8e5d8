/** Resource handlers of Systems Manager Parameter Store, through the in-process {@code SsmClient}. */
package io.gureum.cloudformation.resource.ssm;
