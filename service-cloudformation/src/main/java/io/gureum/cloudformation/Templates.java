package io.gureum.cloudformation;

/** Template operations (ValidateTemplate, GetTemplateSummary): none bound yet in the SPI commit. */
public final class Templates {
}
