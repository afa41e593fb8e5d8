package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;

/** Get/PutAccountSetting: documented names, values and defaults. */
class AccountSettingsIT extends EcrTestSupport {
    @Test
    void settingsHaveDefaultsAndDocumentedValues() {
        assertEquals("V2", ecr.getAccountSetting(b -> b.name("REGISTRY_POLICY_SCOPE")).value());
        assertEquals("AWS_NATIVE", ecr.getAccountSetting(b -> b.name("BASIC_SCAN_TYPE_VERSION")).value());
        assertEquals("DISABLED", ecr.getAccountSetting(b -> b.name("BLOB_MOUNTING")).value());
        var put = ecr.putAccountSetting(b -> b.name("BLOB_MOUNTING").value("ENABLED"));
        assertEquals("BLOB_MOUNTING", put.name());
        assertEquals("ENABLED", put.value());
        assertEquals("ENABLED", ecr.getAccountSetting(b -> b.name("BLOB_MOUNTING")).value());
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.putAccountSetting(b -> b.name("BLOB_MOUNTING").value("MAYBE")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.putAccountSetting(b -> b.name("NO_SUCH_SETTING").value("V2")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.getAccountSetting(b -> b.name("NO_SUCH_SETTING")));
        ecr.putAccountSetting(b -> b.name("BLOB_MOUNTING").value("DISABLED"));
    }
}
