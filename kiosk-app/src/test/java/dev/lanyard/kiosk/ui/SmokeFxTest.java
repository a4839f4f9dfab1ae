package dev.lanyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class SmokeFxTest {
    TextField field;

    @Start
    void start(Stage stage) {
        field = new TextField();
        field.setId("f");
        stage.setScene(new Scene(field, 300, 100));
        stage.show();
    }

    @Test
    void types(FxRobot robot) {
        robot.clickOn("#f").write("hello 홍").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(field.getText()).isEqualTo("hello 홍");
    }
}
