/** How service modules plug into core: {@link io.gureum.core.spi.AwsService} and what they are given. */
package io.gureum.core.spi;
