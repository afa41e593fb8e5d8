package io.gureum.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * ADR 0018: an operation its API declares inline is answered on the event loop that read it, once its model is
 * loaded; everything else, and everything under {@code --data-dir} or {@code --enforce-iam}, goes to the handler
 * pool; and an inline
 * operation that waits is caught ({@code -Dgureum.inline.check=true}, the tests' setting).
 */
class InlineRequestsIT {
    private static final String HANDLER_THREAD = "gureum-handler-";

    /** Answers with the name of the thread that ran it: ListTables as the table name, the others likewise. */
    static final class Provider implements DynamoDbClient {
        @Override
        public ListTablesResponse listTables(ListTablesRequest request) {
            return ListTablesResponse.builder().tableNames(Thread.currentThread().getName()).build();
        }

        /** Declared inline but sleeps: the mistake the check exists for. */
        @Override
        public DescribeTableResponse describeTable(DescribeTableRequest request) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DescribeTableResponse.builder()
                    .table(TableDescription.builder().tableName(Thread.currentThread().getName()).build()).build();
        }

        @Override
        public ListBackupsResponse listBackups(ListBackupsRequest request) {
            return ListBackupsResponse.builder().lastEvaluatedBackupArn(Thread.currentThread().getName()).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private static AwsService service() {
        return new AwsService() {
            @Override
            public String name() {
                return "dynamodb";
            }

            @Override
            public String clientInterface() {
                return DynamoDbClient.class.getName();
            }

            @Override
            public List<Class<?>> providerClasses() {
                return List.of(Provider.class);
            }

            @Override
            public ServiceInstance create(ServiceContext context) {
                Provider provider = new Provider();
                return new ServiceInstance() {
                    @Override
                    public List<Object> providers() {
                        return List.of(provider);
                    }

                    @Override
                    public boolean answersInline(AwsHttpRequest request, String operation) {
                        return Set.of("ListTables", "DescribeTable").contains(operation);
                    }
                };
            }
        };
    }

    @Test
    void aDeclaredOperationIsAnsweredOnTheEventLoopOnceItsModelIsLoaded() {
        try (Gureum gureum = Gureum.start(GureumConfig.builder().port(0).build(), List.of(service()));
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), gureum)) {
            // The first call loads the API's model (files of the SDK): the pool answers it.
            assertTrue(ddb.listTables().tableNames().get(0).startsWith(HANDLER_THREAD));
            assertEquals(0, gureum.inlineCounts().answered());

            String thread = ddb.listTables().tableNames().get(0);
            assertFalse(thread.startsWith(HANDLER_THREAD), thread);
            assertEquals(1, gureum.inlineCounts().answered());
            assertEquals(0, gureum.inlineCounts().waited());

            // Not declared: the pool.
            assertTrue(ddb.listBackups(b -> { }).lastEvaluatedBackupArn().startsWith(HANDLER_THREAD));
            assertEquals(1, gureum.inlineCounts().answered());
        }
    }

    @Test
    void aDeclaredOperationThatWaitsIsCaught() {
        assertTrue(Boolean.getBoolean("gureum.inline.check"),
                "surefire runs the tests with -Dgureum.inline.check=true (root pom)");
        try (Gureum gureum = Gureum.start(GureumConfig.builder().port(0).build(), List.of(service()));
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), gureum)) {
            ddb.listTables();
            String thread = ddb.describeTable(b -> b.tableName("t")).table().tableName();
            assertFalse(thread.startsWith(HANDLER_THREAD), thread);
            assertEquals(new InlineRequests.Counts(1, 1), gureum.inlineCounts());
        }
    }

    @Test
    void underIamEnforcementEveryRequestGoesToThePool() {
        try (Gureum gureum = Gureum.start(GureumConfig.builder().port(0).enforceIam(true).build(), List.of(service()));
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), gureum)) {
            ddb.listTables();
            assertTrue(ddb.listTables().tableNames().get(0).startsWith(HANDLER_THREAD));
            assertEquals(0, gureum.inlineCounts().answered());
        }
    }

    @Test
    void withADataDirectoryEveryRequestGoesToThePool(@TempDir Path dir) throws Exception {
        try (Gureum gureum = Gureum.start(GureumConfig.builder().port(0).dataDir(Files.createDirectories(dir.resolve("d")))
                .build(), List.of(service()));
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), gureum)) {
            ddb.listTables();
            assertTrue(ddb.listTables().tableNames().get(0).startsWith(HANDLER_THREAD));
            assertEquals(0, gureum.inlineCounts().answered());
        }
    }
}
