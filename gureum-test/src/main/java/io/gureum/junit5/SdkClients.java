package io.gureum.junit5;

import java.lang.reflect.Method;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Builds SDK v2 sync clients for a Gureum endpoint by their interface ({@code S3Client.class}). */
final class SdkClients {
    private SdkClients() {
    }

    @SuppressWarnings("unchecked")
    static <T> T create(Class<T> clientType, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        try {
            Object builder = clientType.getMethod("builder").invoke(null);
            ((AwsClientBuilder<?, ?>) builder).endpointOverride(endpoint).region(region)
                    .credentialsProvider(credentials);
            if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
                // Explicit, so the SDK does not refuse when several HTTP clients are on the class path.
                sync.httpClient(UrlConnectionHttpClient.create());
            }
            Method pathStyle = findMethod(builder.getClass(), "forcePathStyle");
            if (pathStyle != null) {
                // S3: bucket.127.0.0.1 cannot resolve; path-style addressing always works locally.
                pathStyle.setAccessible(true);
                pathStyle.invoke(builder, Boolean.TRUE);
            }
            return (T) builder.getClass().getMethod("build").invoke(builder);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(clientType.getName() + " is not an AWS SDK v2 sync client interface", e);
        }
    }

    private static Method findMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                for (Method m : i.getMethods()) {
                    if (m.getName().equals(name) && m.getParameterCount() == 1
                            && m.getParameterTypes()[0] == Boolean.class) {
                        return m;
                    }
                }
            }
        }
        return null;
    }
}
