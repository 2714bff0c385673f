package io.github.javaopenai.contract;

import io.github.javaopenai.core.Messages;
import io.github.javaopenai.endpoints.Conversations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SteadyMockServer.class)
class ConversationsContractTest {

    private SteadyClient steady;
    private Conversations conversations;

    @BeforeEach
    void connect(SteadyMockServer server) {
        steady = new SteadyClient(server);
        conversations = steady.client().conversations();
    }

    @AfterEach
    void close() {
        steady.close();
    }

    @Test
    void createsAnEmptyConversation() {
        conversations.create();

        steady.assertLastValid("/conversations");
    }

    @Test
    void createsAConversationWithItemsAndMetadata() {
        conversations.create(List.of(Messages.user("Hello!")), Map.of("metadata", Map.of("topic", "demo")));

        steady.assertLastValid("/conversations");
    }

    @Test
    void getsUpdatesAndDeletesAConversation() {
        conversations.get("conv_123");
        steady.assertLastValid("/conversations/{conversation_id}");

        conversations.update("conv_123", Map.of("topic", "project-x"));
        steady.assertLastValid("/conversations/{conversation_id}");

        conversations.delete("conv_123");
        steady.assertLastValid("/conversations/{conversation_id}");
    }

    @Test
    void addsListsGetsAndDeletesItems() {
        conversations.addItems("conv_123", List.of(Map.of("type", "message", "role", "user", "content", "Hi")));
        steady.assertLastValid("/conversations/{conversation_id}/items");

        conversations.listItems("conv_123", Map.of("limit", 10, "order", "asc"));
        steady.assertLastValid("/conversations/{conversation_id}/items");

        conversations.item("conv_123", "msg_abc");
        steady.assertLastValid("/conversations/{conversation_id}/items/{item_id}");

        conversations.deleteItem("conv_123", "msg_abc");
        steady.assertLastValid("/conversations/{conversation_id}/items/{item_id}");
    }

    @Test
    void iteratesItems() {
        conversations.iterateItems("conv_123", Map.of("limit", 2)).iterator().hasNext();

        steady.assertLastValid("/conversations/{conversation_id}/items");
    }
}
