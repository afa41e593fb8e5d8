/**
 * AMIs: the public catalogue of each region, images accounts register, create from instances or copy,
 * and their launch permissions.
 */
package io.gureum.ec2.images;
