import { IsEmail, IsNumber, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';

/** A support ticket as it arrives. */
export class TicketInput {
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  subject!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  body!: string;

  @IsEmail()
  customerEmail!: string;

  /**
   * The amount the ticket is about (a refund, a charge), in euros. A billing ticket over
   * `APPROVAL_THRESHOLD_EUR` waits for a supervisor's approval before its reply is sent.
   * @defaultValue none: no amount, so no approval
   */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  amount?: number;
}
