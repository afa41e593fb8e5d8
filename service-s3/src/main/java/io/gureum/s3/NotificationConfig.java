package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import software.amazon.awssdk.services.s3.model.*;

/** Provider of event notification configuration; {@link Notifications} validates destinations and delivers. */
final class NotificationConfig {
    private final S3Backend s3;
    private final BucketAccess access;

    NotificationConfig(S3Backend s3, BucketAccess access) {
        this.s3 = s3;
        this.access = access;
    }

    public PutBucketNotificationConfigurationResponse putBucketNotificationConfiguration(
            PutBucketNotificationConfigurationRequest request) {
        Bucket b = access.bucket(request.bucket());
        NotificationConfiguration c = request.notificationConfiguration() == null
                ? NotificationConfiguration.builder().build() : request.notificationConfiguration();
        boolean validate = !Boolean.TRUE.equals(request.skipDestinationValidation());
        if (validate) {
            s3.notifications.validateDestinations(b, c);
        }
        b.notifications = c;
        if (validate) {
            s3.notifications.testEvent(b, c);
        }
        return PutBucketNotificationConfigurationResponse.builder().build();
    }

    public GetBucketNotificationConfigurationResponse getBucketNotificationConfiguration(
            GetBucketNotificationConfigurationRequest request) {
        Bucket b = access.bucket(request.bucket());
        NotificationConfiguration c = b.notifications;
        GetBucketNotificationConfigurationResponse.Builder out = GetBucketNotificationConfigurationResponse.builder();
        if (c != null) {
            out.queueConfigurations(c.queueConfigurations()).topicConfigurations(c.topicConfigurations())
                    .lambdaFunctionConfigurations(c.lambdaFunctionConfigurations())
                    .eventBridgeConfiguration(c.eventBridgeConfiguration());
        }
        return out.build();
    }
}
