/** AWS-shaped errors shared by every service. */
package io.gureum.core.error;
