/** Handlers of the {@code AWS::Organizations::*} types, calling Organizations through in-process clients. */
package io.gureum.cloudformation.resource.organizations;
