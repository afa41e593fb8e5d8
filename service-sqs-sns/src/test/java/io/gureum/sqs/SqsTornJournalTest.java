package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.persist.DurableState;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.ListQueueTagsRequest;
import software.amazon.awssdk.services.sqs.model.ListQueuesRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.TagQueueRequest;

/**
 * A crash can end SQS's journal anywhere: between two records, or inside one (a torn tail). A script of queue and
 * message operations runs on SQS's providers journaling to a data directory, and what each operation left is read
 * back. Then the journal is cut at every record boundary, each time also tearing the next record, and SQS is
 * restored from each cut as a start restores it (the directory's records into a fresh instance). Its GetQueueUrl,
 * ListQueues, GetQueueAttributes, ListQueueTags and messages must answer without an internal error and show the state
 * after the last whole operation before the cut or, when the cut falls inside one operation's records, a state between
 * its before and after in which every message alive on both sides is in some queue: a dead-letter move cut in half
 * loses nothing; a FIFO message comes back only with its deduplication entry (a retry of its send is no second copy).
 * No server runs: the providers are called as the dispatcher calls them.
 */
class SqsTornJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";

    @TempDir
    Path dataDir;
    @TempDir
    Path scratch;

    /** What a client sees of one queue: a few attributes, its tags and its message bodies. */
    record QueueView(Map<String, String> attributes, Map<String, String> tags, List<String> bodies) {
        QueueView withoutBodies() {
            return new QueueView(attributes, tags, List.of());
        }
    }

    /** What the script did, one operation at a time: the state after it and where its records end. */
    private final List<Map<String, QueueView>> states = new ArrayList<>();
    private final List<Long> ends = new ArrayList<>();
    private final Set<String> names = new TreeSet<>();

    @Test
    void everyCutOfTheJournalRestoresAStateBetweenTwoAcknowledgedOnes() throws Exception {
        Path journal = dataDir.resolve("state").resolve("journal-000000000000.log");
        try (DurableState state = DurableState.open(dataDir)) {
            ServiceContext context = context();
            context.shared().replace(StateStore.class, state);
            ServiceInstance instance = new SqsService().create(context);
            try {
                Providers sqs = new Providers(instance);
                states.add(Map.of());
                ends.add(0L);
                Step step = op -> {
                    sqs.ctx.call(() -> {
                        op.run(sqs);
                        return null;
                    });
                    state.durableNow().get(30, TimeUnit.SECONDS); // what the dispatcher waits for before answering
                    ends.add(Files.size(journal));
                    states.add(observe(sqs));
                };
                String dlq = "http://localhost:4566/" + ACCOUNT + "/dlq";
                String src = "http://localhost:4566/" + ACCOUNT + "/src";
                String fifo = "http://localhost:4566/" + ACCOUNT + "/f.fifo";
                String gone = "http://localhost:4566/" + ACCOUNT + "/gone";
                step.run(p -> p.queues.createQueue(CreateQueueRequest.builder().queueName("dlq").build()));
                step.run(p -> p.queues.createQueue(CreateQueueRequest.builder().queueName("src").tags(Map.of("team", "a"))
                        .attributesWithStrings(Map.of("VisibilityTimeout", "45", "RedrivePolicy",
                                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:" + ACCOUNT
                                        + ":dlq\",\"maxReceiveCount\":\"1\"}")).build()));
                step.run(p -> p.queues.setQueueAttributes(SetQueueAttributesRequest.builder().queueUrl(src)
                        .attributesWithStrings(Map.of("Policy", "{\"Version\":\"2012-10-17\",\"Statement\":[]}")).build()));
                step.run(p -> p.sending.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(src).entries(
                        e -> e.id("1").messageBody("one"), e -> e.id("2").messageBody("two")).build()));
                // A FIFO send records its message and its deduplication entry as one frame (checked in checkCut).
                step.run(p -> p.queues.createQueue(CreateQueueRequest.builder().queueName("f.fifo")
                        .attributesWithStrings(Map.of("FifoQueue", "true")).build()));
                step.run(p -> p.sending.sendMessage(SendMessageRequest.builder().queueUrl(fifo).messageBody("first")
                        .messageGroupId("g").messageDeduplicationId("d1").build()));
                // Received once (visible again at once), then moved to the dead-letter queue by the next receive.
                step.run(p -> assertEquals(2, p.receive(src, 0).size()));
                step.run(p -> assertEquals(0, p.receive(src, null).size()));
                step.run(p -> p.tags.tagQueue(TagQueueRequest.builder().queueUrl(src).tags(Map.of("env", "dev")).build()));
                // A queue deleted with its messages: their records go first, then the queue's.
                step.run(p -> {
                    p.queues.createQueue(CreateQueueRequest.builder().queueName("gone").build());
                    p.sending.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(gone).entries(
                            e -> e.id("1").messageBody("lost-1"), e -> e.id("2").messageBody("lost-2")).build());
                });
                step.run(p -> p.queues.deleteQueue(DeleteQueueRequest.builder().queueUrl(gone).build()));
                step.run(p -> p.receiving.deleteMessage(DeleteMessageRequest.builder().queueUrl(dlq)
                        .receiptHandle(p.receive(dlq, 600).get(0).receiptHandle()).build()));
            } finally {
                instance.close();
            }
        }
        List<Long> frames = frameStarts(journal);
        long length = Files.size(journal);
        for (long end : ends) {
            assertTrue(end == length || frames.contains(end), "an operation's records end at a record boundary");
        }
        byte[] bytes = Files.readAllBytes(journal);
        frames.add(length);
        for (int k = 0; k < frames.size(); k++) {
            long cut = frames.get(k);
            // Inside the next record: a torn tail, which the restore drops (so the state is that at the boundary).
            long torn = k + 1 < frames.size() ? cut + 1 + (k * 37L) % (frames.get(k + 1) - cut - 1) : cut;
            checkCut(bytes, cut, torn);
        }
    }

    /**
     * Restores SQS from a copy of the data directory whose journal ends at {@code torn} (as a server's start does:
     * the directory's records, then a fresh instance restored from them) and checks what its operations show.
     */
    private void checkCut(byte[] journal, long cut, long torn) throws Exception {
        Path copy = Files.createDirectories(scratch.resolve("cut-" + cut));
        Files.copy(dataDir.resolve("FORMAT"), copy.resolve("FORMAT"));
        Files.createDirectories(copy.resolve("state"));
        Files.write(copy.resolve("state").resolve("journal-000000000000.log"),
                java.util.Arrays.copyOf(journal, (int) torn));
        Map<String, QueueView> seen;
        try (DurableState state = DurableState.open(copy)) {
            List<StateRecord> records = state.takeRestored().getOrDefault("sqs", List.of());
            ServiceInstance sqs = new SqsService().create(context());
            try {
                sqs.restore(records);
                Providers restored = new Providers(sqs);
                seen = observe(restored);
                QueueView fifo = seen.get("f.fifo");
                if (fifo != null && fifo.bodies().contains("first")) {
                    // The message came back, so did its deduplication entry: a retry within 5 minutes is no second copy.
                    String url = "http://localhost:4566/" + ACCOUNT + "/f.fifo";
                    restored.ctx.call(() -> restored.sending.sendMessage(SendMessageRequest.builder().queueUrl(url)
                            .messageBody("first").messageGroupId("g").messageDeduplicationId("d1").build()));
                    assertEquals(fifo.bodies(), restored.bodies(url),
                            "journal cut at byte " + cut + " (torn at " + torn + "): a retry of a restored FIFO send");
                }
            } finally {
                sqs.close();
            }
        }
        int i = 0;
        while (i + 1 < ends.size() && ends.get(i + 1) <= cut) {
            i++;
        }
        String where = "journal cut at byte " + cut + " (torn at " + torn + "), after operation " + i;
        if (ends.get(i) == cut) {
            assertEquals(states.get(i), seen, where + ": the state the operation acknowledged");
            return;
        }
        Map<String, QueueView> before = states.get(i);
        Map<String, QueueView> after = states.get(i + 1);
        for (Map.Entry<String, QueueView> e : seen.entrySet()) {
            QueueView b = before.get(e.getKey());
            QueueView a = after.get(e.getKey());
            QueueView shape = e.getValue().withoutBodies();
            if (!(b != null && b.withoutBodies().equals(shape) || a != null && a.withoutBodies().equals(shape))) {
                fail(where + ": queue " + e.getKey() + " is " + e.getValue() + ", neither " + b + " nor " + a);
            }
        }
        for (String name : before.keySet()) {
            if (before.get(name).equals(after.get(name))) {
                assertEquals(before.get(name), seen.get(name), where + ": queue " + name + " the operation left alone");
            }
        }
        Set<String> alive = bodies(before);
        alive.retainAll(bodies(after));
        Set<String> present = bodies(seen);
        for (String body : alive) {
            assertTrue(present.contains(body), where + ": message " + body + " is in no queue");
        }
        Set<String> possible = bodies(before);
        possible.addAll(bodies(after));
        assertTrue(possible.containsAll(present), where + ": messages " + present + " beyond " + possible);
    }

    private static Set<String> bodies(Map<String, QueueView> state) {
        Set<String> out = new HashSet<>();
        state.values().forEach(v -> out.addAll(v.bodies()));
        return out;
    }

    /** How a test reads SQS: a client of a server, or the providers of a restored instance. */
    private interface Reader {
        List<String> listQueueUrls() throws Exception;

        /** The queue's URL, or null when GetQueueUrl answers QueueDoesNotExist. */
        String queueUrl(String name) throws Exception;

        Map<String, String> attributes(String url) throws Exception;

        Map<String, String> tags(String url) throws Exception;

        /** The message bodies in send order, read without receiving them. */
        List<String> bodies(String url) throws Exception;
    }

    /**
     * Every queue a reader can find (GetQueueUrl of every name the script used, and ListQueues, which must agree)
     * with its attributes, tags and messages; any other error than QueueDoesNotExist fails the test.
     */
    private Map<String, QueueView> observe(Reader reader) throws Exception {
        List<String> listed = new ArrayList<>();
        reader.listQueueUrls().forEach(u -> listed.add(u.substring(u.lastIndexOf('/') + 1)));
        names.addAll(listed);
        names.addAll(List.of("dlq", "src", "f.fifo", "gone"));
        Map<String, QueueView> out = new TreeMap<>();
        for (String name : names) {
            String u = reader.queueUrl(name);
            if (u == null) {
                continue;
            }
            Map<String, String> all = reader.attributes(u);
            Map<String, String> attributes = new TreeMap<>();
            for (String a : List.of("VisibilityTimeout", "RedrivePolicy", "Policy", "FifoQueue")) {
                if (all.containsKey(a)) {
                    attributes.put(a, all.get(a));
                }
            }
            out.put(name, new QueueView(attributes, new TreeMap<>(reader.tags(u)), reader.bodies(u)));
        }
        assertEquals(new TreeSet<>(out.keySet()), new TreeSet<>(listed), "ListQueues lists what GetQueueUrl finds");
        return out;
    }

    /** One operation of the script, run on the providers. */
    private interface Operation {
        void run(Providers p) throws Exception;
    }

    private interface Step {
        void run(Operation op) throws Exception;
    }

    /** An instance's providers, called as the dispatcher calls them. */
    private static final class Providers implements Reader {
        private final ServiceInstance sqs;
        final QueueOperations queues;
        final QueueTags tags;
        final MessageSending sending;
        final MessageReceiving receiving;
        private final RequestContext ctx = new RequestContext("r", ACCOUNT, "us-east-1", "test", "sqs",
                AwsHttpRequest.builder("POST", "/").header("Host", "localhost:4566").header("X-Amz-Target", "x").build());

        Providers(ServiceInstance sqs) {
            this.sqs = sqs;
            this.queues = SqsAdminTest.provider(sqs, QueueOperations.class);
            this.tags = SqsAdminTest.provider(sqs, QueueTags.class);
            this.sending = SqsAdminTest.provider(sqs, MessageSending.class);
            this.receiving = SqsAdminTest.provider(sqs, MessageReceiving.class);
        }

        List<Message> receive(String url, Integer visibilityTimeout) {
            return AsyncResponse.await(() -> receiving.receiveMessage(ReceiveMessageRequest.builder().queueUrl(url)
                    .maxNumberOfMessages(10).visibilityTimeout(visibilityTimeout).build())).messages();
        }

        @Override
        public List<String> listQueueUrls() throws Exception {
            return ctx.call(() -> queues.listQueues(ListQueuesRequest.builder().maxResults(1000).build()).queueUrls());
        }

        @Override
        public String queueUrl(String name) throws Exception {
            try {
                return ctx.call(() -> queues.getQueueUrl(GetQueueUrlRequest.builder().queueName(name).build()).queueUrl());
            } catch (QueueDoesNotExistException absent) {
                return null;
            }
        }

        @Override
        public Map<String, String> attributes(String url) throws Exception {
            return ctx.call(() -> queues.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(url)
                    .attributeNamesWithStrings("All").build()).attributesAsStrings());
        }

        @Override
        public Map<String, String> tags(String url) throws Exception {
            return ctx.call(() -> tags.listQueueTags(ListQueueTagsRequest.builder().queueUrl(url).build()).tags());
        }

        @Override
        public List<String> bodies(String url) throws Exception {
            AwsHttpResponse r = sqs.adminRequest(AwsHttpRequest.builder("GET", "/_gureum/sqs/messages?QueueUrl="
                    + URLEncoder.encode(url, StandardCharsets.UTF_8)).build());
            assertEquals(200, r.status(), r.bodyAsString());
            return bodiesOf(r.bodyAsString());
        }
    }

    private static List<String> bodiesOf(String peek) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode m : JSON.readTree(peek).path("Messages")) {
            out.add(m.path("Body").asText());
        }
        return out;
    }

    private static ServiceContext context() {
        return new ServiceContext(GureumConfig.builder().build(), new GureumClock(), new ResourceIds(),
                new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts(ACCOUNT));
    }

    /** Where each record of a journal file starts ({@code [int length][int CRC32C][payload]} frames). */
    private static List<Long> frameStarts(Path journal) throws IOException {
        List<Long> out = new ArrayList<>();
        long size = Files.size(journal);
        try (DataInputStream in = new DataInputStream(Files.newInputStream(journal))) {
            long position = 0;
            while (position < size) {
                out.add(position);
                int length = in.readInt();
                in.readInt();
                in.skipNBytes(length);
                position += 8 + length;
            }
        }
        return out;
    }
}
