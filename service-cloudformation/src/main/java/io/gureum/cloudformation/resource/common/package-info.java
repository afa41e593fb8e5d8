/** Helpers the resource handlers of several services share. */
package io.gureum.cloudformation.resource.common;
