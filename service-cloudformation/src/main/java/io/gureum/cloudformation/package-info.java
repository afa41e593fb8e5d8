/**
 * CloudFormation: stacks deployed from JSON and YAML templates onto the services Gureum serves. The
 * engine resolves templates and orders resources; {@link io.gureum.cloudformation.resource} holds the
 * handlers that create each resource type through in-process clients (docs/adr/0014-cloudformation-engine.md).
 */
package io.gureum.cloudformation;
