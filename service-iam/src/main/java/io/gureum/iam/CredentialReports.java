package io.gureum.iam;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.spi.ServiceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * The credential report (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html): a
 * CSV with AWS's columns, one row for the root user and one per IAM user. GenerateCredentialReport makes a report
 * at once and answers STARTED; while that report is under four hours old it answers COMPLETE and keeps it.
 * Last-used data Gureum does not record reads {@code N/A} (or {@code no_information} for passwords).
 */
final class CredentialReports extends Family {
    static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
            + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    private static final Duration FRESH = Duration.ofHours(4);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);

    CredentialReports(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public GenerateCredentialReportResponse generateCredentialReport(GenerateCredentialReportRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Instant now = now();
            if (account.credentialReport != null
                    && account.credentialReport.generated().plus(FRESH).isAfter(now)) {
                return GenerateCredentialReportResponse.builder().state(ReportStateType.COMPLETE).build();
            }
            account.credentialReport = new CredentialReportRecord(csv(account), now);
            return GenerateCredentialReportResponse.builder().state(ReportStateType.STARTED)
                    .description("No report exists. Starting a new report generation task").build();
        }
    }

    public GetCredentialReportResponse getCredentialReport(GetCredentialReportRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            CredentialReportRecord report = account.credentialReport;
            if (report == null) {
                throw ModeledErrors.of(CredentialReportNotPresentException.class,
                        "Credential report does not exist. Use GenerateCredentialReport to generate a report.");
            }
            if (!report.generated().plus(FRESH).isAfter(now())) {
                throw ModeledErrors.of(CredentialReportExpiredException.class,
                        "Credential report is expired. Use GenerateCredentialReport to generate a new report.");
            }
            return GetCredentialReportResponse.builder().content(SdkBytes.fromUtf8String(report.csv()))
                    .reportFormat(ReportFormatType.TEXT_CSV).generatedTime(report.generated()).build();
        }
    }

    private String csv(IamStore.Account account) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        out.append(String.join(",", "<root_account>", arn(account.id, "root", "", ""), "N/A", "not_supported",
                "no_information", "not_supported", "not_supported", "false", "false", "N/A", "N/A", "N/A", "N/A",
                "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A")).append('\n');
        List<User> users = new ArrayList<>(account.users.values());
        users.sort(Comparator.comparing(u -> IamStore.key(u.name)));
        for (User u : users) {
            List<String> row = new ArrayList<>(List.of(u.name, u.arn, time(u.created)));
            boolean password = u.loginProfile != null;
            row.add(Boolean.toString(password));
            row.add(password ? u.passwordLastUsed == null ? "no_information" : time(u.passwordLastUsed) : "N/A");
            row.add(password ? time(u.loginProfile.created()) : "N/A");
            row.add(password && account.passwordPolicy != null && account.passwordPolicy.maxPasswordAge() != null
                    ? time(u.loginProfile.created().plus(Duration.ofDays(account.passwordPolicy.maxPasswordAge())))
                    : "N/A");
            row.add(Boolean.toString(!MfaDevices.devicesOf(account, u).isEmpty()));
            List<AccessKey> keys = new ArrayList<>(u.keys.values());
            for (int i = 0; i < 2; i++) {
                AccessKey k = i < keys.size() ? keys.get(i) : null;
                row.add(Boolean.toString(k != null && "Active".equals(k.status)));
                row.add(k == null ? "N/A" : time(k.created));
                row.addAll(List.of("N/A", "N/A", "N/A"));
            }
            List<UserCredential> certs = new ArrayList<>(u.signingCertificates.values());
            for (int i = 0; i < 2; i++) {
                UserCredential c = i < certs.size() ? certs.get(i) : null;
                row.add(Boolean.toString(c != null && "Active".equals(c.status)));
                row.add(c == null ? "N/A" : time(c.uploaded));
            }
            out.append(String.join(",", row)).append('\n');
        }
        return out.toString();
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }
}
