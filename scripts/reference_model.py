"""The report's model in PyTorch, shared by the reference scripts: nn.LSTM(I, H) as `lstm` + nn.Linear(H, 1) as `fc`,
so model.parameters() order and names equal FrequencyLab's ParameterLayout."""
from torch import nn


class Model(nn.Module):
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers=1)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x, state):
        out, state = self.lstm(x, state)  # x (1, 1, I); out (1, 1, H)
        return self.fc(out), state  # (1, 1, 1)
