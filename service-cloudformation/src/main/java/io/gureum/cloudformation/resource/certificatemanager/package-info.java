/** Resource handlers of AWS Certificate Manager, through the in-process {@code AcmClient}. */
package io.gureum.cloudformation.resource.certificatemanager;
