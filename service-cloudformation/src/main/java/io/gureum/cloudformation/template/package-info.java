/** Reading templates (JSON, YAML with short-form tags) and checking their structure. */
package io.gureum.cloudformation.template;
