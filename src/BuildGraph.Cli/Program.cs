Console.WriteLine("bgx");
