/** Routing a request to its service and operation, and the handler call. */
package io.gureum.core.dispatch;
