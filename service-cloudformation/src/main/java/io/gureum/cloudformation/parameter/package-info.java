/** Stack parameters: types, constraints, NoEcho, and the AWS-specific and SSM parameter types. */
package io.gureum.cloudformation.parameter;
