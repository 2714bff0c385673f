package io.github.javaopenai.examples;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import java.io.PrintStream;
import java.util.List;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application whose {@link OpenAI} client comes from properties alone, through
 * java-openai-spring-boot-starter: run it with {@code --openai.provider=ollama} for a local Ollama,
 * or with {@code OPENAI_API_KEY} set for the OpenAI API.
 */
public final class SpringBootExample {

    private SpringBootExample() {
    }

    /** The application: the starter configures the client, this runner uses it. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        CommandLineRunner greet(OpenAI client, PrintStream out) {
            return args -> out.println(client.createChatCompletion(List.of(Messages.user("Say hello"))).outputText());
        }
    }

    /** Runs the application with the given arguments, such as {@code --openai.provider=ollama}. */
    public static void main(String[] args) {
        run(System.out, args);
    }

    static void run(PrintStream out, String... args) {
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("out", out));
        // The runner has printed the answer by now; closing the context closes the client.
        application.run(args).close();
    }
}
