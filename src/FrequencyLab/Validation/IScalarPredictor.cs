namespace FrequencyLab.Validation;

/// <summary>A memoryless predictor of a target from one scalar input (S), fitted for one frequency.</summary>
public interface IScalarPredictor
{
    double Predict(double x);
}
