package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Start-up loads no service's model classes; the first call of an operation loads that operation's
 * classes only (ARCHITECTURE.md, "operation index"). Checked in a class loader of its own, so classes
 * other tests loaded do not count.
 */
class LazyModelLoadingIT {
    private static final String STS_MODEL = "software.amazon.awssdk.services.sts.model.";
    private static final String IAM_MODEL = "software.amazon.awssdk.services.iam.model.";

    /** Exposes which classes it has loaded. */
    static final class WatchingLoader extends URLClassLoader {
        WatchingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean hasLoaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void startupLoadsNoModelClassAndAFirstCallLoadsOnlyItsOperation() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        try (WatchingLoader loader = new WatchingLoader(urls.toArray(new URL[0]))) {
            Class<?> configClass = loader.loadClass("io.gureum.core.GureumConfig");
            Object builder = configClass.getMethod("builder").invoke(null);
            builder.getClass().getMethod("port", int.class).invoke(builder, 0);
            Object config = builder.getClass().getMethod("build").invoke(builder);
            Class<?> gureumClass = loader.loadClass("io.gureum.core.Gureum");
            try (AutoCloseable gureum = (AutoCloseable) gureumClass.getMethod("start", configClass).invoke(null, config)) {
                assertFalse(loader.hasLoaded(STS_MODEL + "GetCallerIdentityRequest"));
                assertFalse(loader.hasLoaded("software.amazon.awssdk.services.sts.StsClient"));
                assertFalse(loader.hasLoaded("software.amazon.awssdk.services.iam.IamClient"));

                URI endpoint = (URI) gureumClass.getMethod("endpoint").invoke(gureum);
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sts/aws4_request, "
                                + "SignedHeaders=host, Signature=00")
                        .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("<Account>000000000000</Account>"), response.body());

                assertTrue(loader.hasLoaded(STS_MODEL + "GetCallerIdentityRequest"));
                assertFalse(loader.hasLoaded(STS_MODEL + "AssumeRoleRequest"), "another STS operation was loaded");
                assertFalse(loader.hasLoaded("software.amazon.awssdk.services.iam.IamClient"), "IAM was loaded");
                assertFalse(loader.hasLoaded(IAM_MODEL + "ListUsersRequest"), "an IAM model class was loaded");
            }
        }
    }
}
