import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

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
}
